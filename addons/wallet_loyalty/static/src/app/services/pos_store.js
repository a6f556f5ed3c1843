import { PosStore } from "@point_of_sale/app/services/pos_store";
import { patch } from "@web/core/utils/patch";

patch(PosStore.prototype, {
    /** New lines get the customer's tier discount (not the wallet top-up, not lines with their own discount). */
    async addLineToOrder(vals, order, opts = {}, configure = true) {
        const discount = order?.getPartner()?.wallet_tier_discount || 0;
        let template = vals.product_tmpl_id;
        if (typeof template === "number") {
            template = this.data.models["product.template"].get(template);
        }
        if (discount && !("discount" in vals) && !template?.is_wallet_topup && !order.isRefund) {
            vals = { ...vals, discount };
        }
        return await super.addLineToOrder(vals, order, opts, configure);
    },
});
