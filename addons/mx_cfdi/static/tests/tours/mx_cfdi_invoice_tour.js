import * as Chrome from "@point_of_sale/../tests/pos/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/generic_helpers/dialog_util";
import * as PaymentScreen from "@point_of_sale/../tests/pos/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/pos/tours/utils/product_screen_util";
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("MxCfdiInvoiceAtCounterTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.addOrderline("CFDI Balata", "2"),
            // a named invoice with the generic RFC is refused at the counter
            ProductScreen.clickPartnerButton(),
            ProductScreen.clickCustomer("Mostrador Generico"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Bank"),
            PaymentScreen.clickInvoiceButton(),
            PaymentScreen.clickValidate(),
            {
                content: "the POS asks for the customer's own RFC",
                trigger: ".modal:contains('RFC of their own')",
            },
            Dialog.confirm(),
            // the customer with complete fiscal data gets the invoice
            PaymentScreen.clickPartnerButton(),
            PaymentScreen.clickCustomer("Refacciones Del Bajio"),
            PaymentScreen.isInvoiceButtonChecked(),
            PaymentScreen.clickValidate(),
            {
                content: "the receipt once the invoiced order is synced (the CFDI is only queued)",
                trigger: ".receipt-screen .pos-receipt",
                timeout: 60000,
            },
        ].flat(),
});
