import * as Chrome from "@point_of_sale/../tests/pos/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/generic_helpers/dialog_util";
import * as PaymentScreen from "@point_of_sale/../tests/pos/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/pos/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/pos/tours/utils/receipt_screen_util";
import { registry } from "@web/core/registry";

// tests/upgrade: the demo shop's counter, on a database upgraded from the last release, sells a part
registry.category("web_tour.tours").add("SuiteUpgradedPosSellsTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.searchProduct("BKR6E"),
            ProductScreen.clickDisplayedProduct("Bujía NGK BKR6E"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Efectivo"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
        ].flat(),
});
