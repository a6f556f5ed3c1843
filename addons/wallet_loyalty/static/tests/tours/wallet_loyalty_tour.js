import * as ProductScreen from "@point_of_sale/../tests/pos/tours/utils/product_screen_util";
import * as PaymentScreen from "@point_of_sale/../tests/pos/tours/utils/payment_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/pos/tours/utils/receipt_screen_util";
import * as TicketScreen from "@point_of_sale/../tests/pos/tours/utils/ticket_screen_util";
import * as Chrome from "@point_of_sale/../tests/pos/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/generic_helpers/dialog_util";
import * as NumberPopup from "@point_of_sale/../tests/generic_helpers/number_popup_util";
import { registry } from "@web/core/registry";

function walletBalanceIs(amount) {
    return [
        ProductScreen.clickPartnerButton(),
        {
            content: `wallet balance ${amount} shown on the customer`,
            trigger: `.partner-line:contains('Cliente Tour') .wallet-partner-balance:contains('${amount}')`,
        },
        ProductScreen.clickCustomer("Cliente Tour"),
    ].flat();
}

registry.category("web_tour.tours").add("WalletLoyaltyTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            // 1. Top up 300 in cash.
            ProductScreen.clickPartnerButton(),
            ProductScreen.clickCustomer("Cliente Tour"),
            ProductScreen.addOrderline("Recarga monedero", "1", "300"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Cash"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
            ReceiptScreen.clickNextOrder(),
            // 2. The new balance is shown on the customer.
            ...walletBalanceIs("300.00"),
            // 3. Pay a part with the wallet; the receipt shows tier and savings.
            ProductScreen.addOrderline("Balata tour", "1"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Wallet"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
            {
                content: "savings on the receipt",
                trigger: ".pos-receipt .wallet-savings:contains('20.00')",
            },
            ReceiptScreen.clickNextOrder(),
            ...walletBalanceIs("200.00"),
            // 4. Refund the part back to the wallet.
            ProductScreen.clickRefund(),
            TicketScreen.selectOrderByPrice("100.00"),
            ProductScreen.clickNumpad("1"),
            TicketScreen.confirmRefund(),
            PaymentScreen.isShown(),
            PaymentScreen.clickPaymentMethod("Wallet"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
            ReceiptScreen.clickNextOrder(),
            ...walletBalanceIs("300.00"),
        ].flat(),
});

registry.category("web_tour.tours").add("WalletFiadoTierTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            // A gold customer: the tier discount (5%) is applied to the line.
            ProductScreen.clickPartnerButton(),
            {
                content: "tier shown on the customer",
                trigger: ".partner-line:contains('Cliente Oro') .wallet-partner-tier:contains('Oro')",
            },
            ProductScreen.clickCustomer("Cliente Oro"),
            ProductScreen.clickDisplayedProduct("Balata tour"),
            ProductScreen.selectedOrderlineHas("Balata tour", "1", "95.00"),
            // 95 on store credit with 10 of debt and a limit of 50: a manager PIN is asked.
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Customer Account"),
            PaymentScreen.clickValidate(),
            NumberPopup.enterValue("1111"),
            NumberPopup.isShown("••••"),
            Dialog.confirm(),
            Dialog.is({ title: "Store credit not approved" }),
            Dialog.confirm(),
            PaymentScreen.clickValidate(),
            NumberPopup.enterValue("4321"),
            NumberPopup.isShown("••••"),
            Dialog.confirm(),
            ReceiptScreen.isShown(),
            {
                content: "tier on the receipt",
                trigger: ".pos-receipt .wallet-tier:contains('Oro')",
            },
            ReceiptScreen.clickNextOrder(),
        ].flat(),
});
