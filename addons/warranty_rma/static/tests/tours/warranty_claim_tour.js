import * as Chrome from "@point_of_sale/../tests/pos/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/generic_helpers/dialog_util";
import * as ProductScreen from "@point_of_sale/../tests/pos/tours/utils/product_screen_util";
import * as PaymentScreen from "@point_of_sale/../tests/pos/tours/utils/payment_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/pos/tours/utils/receipt_screen_util";
import * as TicketScreen from "@point_of_sale/../tests/pos/tours/utils/ticket_screen_util";
import { registry } from "@web/core/registry";

const sellAlternatorInCash = () => [
    Chrome.startPoS(),
    Dialog.confirm("Open Register"),
    ProductScreen.addOrderline("Alternador Tour", "1"),
    ProductScreen.clickPayButton(),
    PaymentScreen.clickPaymentMethod("Cash"),
    PaymentScreen.clickValidate(),
    ReceiptScreen.isShown(),
].flat();

const openFirstPaidOrder = () => [
    ReceiptScreen.clickNextOrder(),
    Chrome.clickOrders(),
    TicketScreen.selectFilter("Paid"),
    TicketScreen.selectOrder("001"),
].flat();

registry.category("web_tour.tours").add("WarrantyClaimFromPastOrder", {
    steps: () =>
        [
            sellAlternatorInCash(),
            {
                content: "the receipt prints the warranty end date",
                trigger: ".receipt-screen .warranty-until",
            },
            openFirstPaidOrder(),
            {
                content: "open a warranty claim on the past order",
                trigger: ".ticket-screen .warranty-claim-button",
                run: "click",
            },
            {
                content: "describe the failure",
                trigger: ".modal textarea, .modal input",
                run: "edit No carga la batería",
            },
            Dialog.confirm(),
            {
                content: "the claim is created",
                trigger: ".modal:contains(RMA/)",
            },
            Dialog.confirm(),
        ].flat(),
});

registry.category("web_tour.tours").add("WarrantyButtonHiddenForCashier", {
    steps: () =>
        [
            sellAlternatorInCash(),
            openFirstPaidOrder(),
            {
                content: "a cashier who is not a warranty clerk sees the past order without the Warranty button",
                trigger: ".ticket-screen:has(.edit-order-payment):not(:has(.warranty-claim-button))",
            },
        ].flat(),
});
