import * as Chrome from "@point_of_sale/../tests/pos/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/generic_helpers/dialog_util";
import * as PaymentScreen from "@point_of_sale/../tests/pos/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/pos/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/pos/tours/utils/receipt_screen_util";
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("HwProxyEscposReceiptTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            {
                content: "open the menu holding the proxy status",
                trigger: ".pos-topheader button:has(i.fa-bars)",
                run: "click",
            },
            {
                content: "the POS is connected to the ESC/POS proxy and its printer is online",
                trigger: ".oe_status.js_proxy .js_connected",
            },
            {
                content: "close the menu",
                trigger: ".pos-topheader button:has(i.fa-bars)",
                run: "click",
            },
            ProductScreen.addOrderline("Desk Pad", "1"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Cash"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
            {
                content: "print the receipt through the proxy",
                trigger: ".receipt-screen .button.print",
                run: "click",
            },
            {
                content: "the proxy acknowledged the job (no error popup, button idle again)",
                trigger: ".receipt-screen .button.print .fa-print",
            },
            {
                content: "no printing error dialog",
                trigger: "body:not(:has(.modal-dialog .modal-title:contains('failed')))",
            },
        ].flat(),
});
