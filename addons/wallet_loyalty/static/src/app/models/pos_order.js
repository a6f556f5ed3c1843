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
});
