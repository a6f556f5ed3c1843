import { patch } from "@web/core/utils/patch";
import { ProductCard } from "@point_of_sale/app/components/product_card/product_card";
import { usePos } from "@point_of_sale/app/hooks/pos_hook";

patch(ProductCard.prototype, {
    setup() {
        super.setup(...arguments);
        this.pos = usePos();
    },
    /** Badge data of this part for the vehicle of the order (from the server), or undefined. */
    get fitmentRow() {
        return this.props.isComboPopup ? undefined : this.pos.fitmentInfo(this.props.product?.id);
    },
});
