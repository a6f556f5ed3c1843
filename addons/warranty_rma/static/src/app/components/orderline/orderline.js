import { patch } from "@web/core/utils/patch";
import { formatDate } from "@web/core/l10n/dates";
import { Orderline } from "@point_of_sale/app/components/orderline/orderline";

const { DateTime } = luxon;

patch(Orderline.prototype, {
    /** Last covered day of the part, printed on the receipt ("Garantía hasta ..."). */
    get warrantyUntil() {
        const months = this.line.product_id?.product_tmpl_id?.warranty_months;
        if (this.props.mode !== "receipt" || !months || this.line.qty <= 0) {
            return false;
        }
        const start = this.line.order_id?.date_order || DateTime.now();
        return formatDate(start.plus({ months }));
    },
});
