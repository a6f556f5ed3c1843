import * as Chrome from "@point_of_sale/../tests/pos/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/generic_helpers/dialog_util";
import * as PaymentScreen from "@point_of_sale/../tests/pos/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/pos/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/pos/tours/utils/receipt_screen_util";
import { registry } from "@web/core/registry";

const card = (name) => `.product-list article.product:has(.product-name:contains("${name}"))`;

registry.category("web_tour.tours").add("AutopartsFitmentPosTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            // before any vehicle, the whole catalogue is there
            ProductScreen.productIsDisplayed("Balatas Versa TT"),
            // a customer with one catalogue vehicle in the garage: it becomes the order's vehicle
            ProductScreen.clickPartnerButton(),
            ProductScreen.clickCustomer("Cliente Un Auto TT"),
            { content: "the notification names the vehicle", trigger: ".o_notification:contains(UNO-111-A)" },
            { trigger: ".o_fitment_banner .o_fitment_banner_vehicle:contains(2015 Volkswagen TT Versa TT)" },
            { trigger: `${card("Balatas Versa TT")} .o_fitment_compatible` },
            { trigger: ".product-list:not(:has(.product-name:contains('Balatas Jetta TT')))" },
            // another customer, with two: the first one's vehicle goes, the selector opens on the garage
            ProductScreen.clickPartnerButton(),
            ProductScreen.clickCustomer("Cliente Flotilla TT"),
            { trigger: ".modal .o_fitment_garage_vehicle:contains(FLO-222-B)" },
            { trigger: ".modal .o_fitment_garage_vehicle:contains(FLO-333-C)" },
            { content: "garage step only", trigger: ".modal .o_fitment_selector:not(:has(.o_fitment_vin))" },
            { content: "the previous customer's vehicle was removed", trigger: "body:not(:has(.o_fitment_banner))" },
            { trigger: ".modal .o_fitment_garage_vehicle:contains(FLO-333-C)", run: "click" },
            { trigger: ".o_fitment_banner .o_fitment_banner_vehicle:contains(2015 Volkswagen TT Versa TT)" },
            { content: "open the vehicle selector", trigger: ".o_fitment_vehicle_button", run: "click" },
            // a bad VIN is explained, an unknown plate is an answer, not an error
            { trigger: ".modal .o_fitment_vin", run: "edit 3VWDX7AJ3BM339496" },
            { trigger: ".modal .o_fitment_vin_button", run: "click" },
            { content: "check digit message", trigger: ".modal .o_fitment_error:contains(9)" },
            { trigger: ".modal .o_fitment_plate", run: "edit ZZZ-999-Z" },
            { trigger: ".modal .o_fitment_plate_button", run: "click" },
            { content: "no vehicle found", trigger: ".modal .o_fitment_info:contains(ZZZ-999-Z)" },
            // Year -> Make -> Model -> Engine, each step asked to the server
            { trigger: ".modal .o_fitment_year:has(option[value='2012'])", run: "select 2012" },
            { trigger: ".modal .o_fitment_make:not(:disabled):has(option:contains(Volkswagen TT))", run: "selectByLabel Volkswagen TT" },
            { trigger: ".modal .o_fitment_model:not(:disabled):has(option:contains(Jetta TT))", run: "selectByLabel Jetta TT" },
            { content: "the only engine is preselected", trigger: ".modal .o_fitment_engine:has(option:selected:contains(TT20))" },
            { trigger: ".modal .o_fitment_apply:not(:disabled)", run: "click" },
            // the grid shows what fits, with badges, and nothing else
            { trigger: ".o_fitment_banner .o_fitment_banner_vehicle:contains(2012 Volkswagen TT Jetta TT)" },
            { trigger: `${card("Balatas Jetta TT")} .o_fitment_compatible:contains(Front)` },
            { trigger: `${card("Balatas Jetta TT")} .o_fitment_note:contains(con ABS)` },
            { trigger: `${card("Balatas Jetta TT")} .o_fitment_stock:contains(5)` },
            { trigger: `${card("Aceite Universal TT")} .o_fitment_universal` },
            {
                content: "a part that does not fit is not shown",
                trigger: ".product-list:not(:has(.product-name:contains('Balatas Versa TT')))",
            },
            { trigger: ".o_fitment_vehicle_button:contains(Jetta TT)" },
            // a vehicle chosen by year/make/model stays when the customer changes
            ProductScreen.clickPartnerButton(),
            ProductScreen.clickCustomer("Cliente Un Auto TT"),
            ProductScreen.customerIsSelected("Cliente Un Auto TT"),
            { trigger: ".o_fitment_banner .o_fitment_banner_vehicle:contains(2012 Volkswagen TT Jetta TT)" },
            ProductScreen.clickDisplayedProduct("Balatas Jetta TT", true, "1"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Bank"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.receiptIsThere(),
            {
                content: "the receipt names the vehicle",
                trigger: ".receipt-screen .o_fitment_receipt_vehicle_name:contains(2012 Volkswagen TT Jetta TT)",
            },
        ].flat(),
});
