import { AlertDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import OrderPaymentValidation from "@point_of_sale/app/utils/order_payment_validation";

const RFC_RE = /^[A-ZÑ&]{3,4}\d{6}[A-Z\d]{3}$/;
const GENERIC_RFCS = ["XAXX010101000", "XEXX010101000"];

/**
 * What keeps a customer from a named CFDI 4.0 (the server checks the RFC check digit again).
 * @returns {string[]} the missing fiscal data, in the user's language
 */
export function cfdiInvoiceProblems(partner) {
    const problems = [];
    const rfc = (partner.vat || "").toUpperCase().replace(/[\s-]/g, "");
    if (!RFC_RE.test(rfc)) {
        problems.push(_t("a valid RFC"));
    } else if (GENERIC_RFCS.includes(rfc)) {
        problems.push(_t("an RFC of their own (the generic RFC is for the global invoice)"));
    }
    if (!/^\d{5}$/.test(partner.zip || "")) {
        problems.push(_t("the fiscal postal code"));
    }
    if (!partner.mx_cfdi_regimen_id) {
        problems.push(_t("the tax regime"));
    }
    return problems;
}

patch(OrderPaymentValidation.prototype, {
    async isOrderValid(isForceValidate) {
        const order = this.order;
        const partner = order.getPartner();
        const company = this.pos.company;
        const mexican = (company.account_fiscal_country_id || company.country_id)?.code === "MX";
        if (mexican && order.isToInvoice() && partner) {
            const problems = cfdiInvoiceProblems(partner);
            if (problems.length) {
                this.pos.dialog.add(AlertDialog, {
                    title: _t("Fiscal data missing for the CFDI"),
                    body: _t("To invoice %(name)s, the customer form needs: %(problems)s.", {
                        name: partner.name,
                        problems: problems.join(", "),
                    }),
                });
                return false;
            }
        }
        return super.isOrderValid(...arguments);
    },
});
