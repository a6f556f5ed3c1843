import * as Chrome from "@point_of_sale/../tests/pos/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/generic_helpers/dialog_util";
import * as PaymentScreen from "@point_of_sale/../tests/pos/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/pos/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/pos/tours/utils/receipt_screen_util";
import * as TicketScreen from "@point_of_sale/../tests/pos/tours/utils/ticket_screen_util";
import { registry } from "@web/core/registry";

/** Opens the register, sells `qty` QR Beer paid by bank and waits for the receipt. */
function sellBeers(qty) {
    return [
        Chrome.startPoS(),
        Dialog.confirm("Open Register"),
        ProductScreen.addOrderline("QR Beer", qty),
        ProductScreen.clickPayButton(),
        PaymentScreen.clickPaymentMethod("Bank"),
        PaymentScreen.clickValidate(),
        ReceiptScreen.receiptIsThere(),
    ].flat();
}

registry.category("web_tour.tours").add("PosTicketsQrSellTour", {
    steps: () =>
        [
            sellBeers("2"),
            {
                content: "the receipt carries the signed QR ticket",
                trigger: ".receipt-screen .pos-qr-ticket img.pos-qr-ticket-img[src^='data:image'][data-payload^='PTQ1.']",
            },
            {
                content: "and its short code",
                trigger: ".receipt-screen .pos-qr-ticket-code:contains('BAR ')",
            },
            ReceiptScreen.clickNextOrder(),
            Chrome.clickOrders(),
            TicketScreen.selectFilter("Paid"),
            TicketScreen.selectOrder("001"),
            {
                content: "the order list shows the ticket of the paid order",
                trigger: ".ticket-screen .pos-qr-ticket-info-code:contains('BAR ')",
            },
        ].flat(),
});

registry.category("web_tour.tours").add("PosTicketsQrCoatCheckTour", {
    steps: () =>
        [
            sellBeers("1"),
            {
                content: "the coat check receipt carries the QR ticket",
                trigger: ".receipt-screen .pos-qr-ticket img.pos-qr-ticket-img[data-payload^='PTQ1.']",
            },
            {
                content: "and the hanger holding the customer's items",
                trigger: ".receipt-screen .pos-qr-ticket-hanger:contains('Hanger 1')",
            },
        ].flat(),
});
