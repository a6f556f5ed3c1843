import { PosOrder } from "@point_of_sale/app/models/pos_order";
import { patch } from "@web/core/utils/patch";

patch(PosOrder.prototype, {
    /** What the customer saved against the reference (retail) price of each product. */
    get walletSavings() {
        let total = 0;
        for (const line of this.lines) {
            const reference = line.product_id?.product_tmpl_id?.reference_price || 0;
            const qty = line.getQuantity();
            if (reference && qty > 0) {
                total += Math.max(reference * qty - line.priceIncl, 0);
            }
        }
        return total;
    },
    get walletTierName() {
        return this.getPartner()?.wallet_tier_name || "";
    },
    /** Amounts paid with the wallet and on store credit (Customer Account) in this order. */
    walletPaidWith(predicate) {
        return this.payment_ids
            .filter((p) => predicate(p.payment_method_id))
            .reduce((total, p) => total + p.getAmount(), 0);
    },
    get walletHasTopup() {
        return this.lines.some((line) => line.product_id?.product_tmpl_id?.is_wallet_topup);
    },
    /** The tier discount follows the customer: applied to lines without another discount. */
    setPartner(partner) {
        const previous = this.getPartner()?.wallet_tier_discount || 0;
        super.setPartner(...arguments);
        const discount = partner?.wallet_tier_discount || 0;
        if (discount === previous) {
            return;
        }
        for (const line of this.lines) {
            if (!line.product_id?.product_tmpl_id?.is_wallet_topup && (line.discount || 0) === previous) {
                line.setDiscount(discount);
            }
        }
    },
});
