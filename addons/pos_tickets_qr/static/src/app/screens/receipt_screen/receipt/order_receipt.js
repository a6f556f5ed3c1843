import { patch } from "@web/core/utils/patch";
import { OrderReceipt } from "@point_of_sale/app/screens/receipt_screen/receipt/order_receipt";
import { generateQRCodeDataUrl } from "@point_of_sale/utils";

patch(OrderReceipt.prototype, {
    /** The signed QR ticket of the order (issued by the server when the paid order is synced). */
    get qrTicketDataUrl() {
        const payload = this.order.qr_ticket_payload;
        return payload ? generateQRCodeDataUrl(payload) : false;
    },
});
