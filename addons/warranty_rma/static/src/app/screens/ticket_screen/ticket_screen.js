import { patch } from "@web/core/utils/patch";
import { _t } from "@web/core/l10n/translation";
import { AlertDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { TicketScreen } from "@point_of_sale/app/screens/ticket_screen/ticket_screen";
import { TextInputPopup } from "@point_of_sale/app/components/popups/text_input_popup/text_input_popup";
import { makeAwaitable } from "@point_of_sale/app/utils/make_awaitable_dialog";

patch(TicketScreen.prototype, {
    /** Only warranty clerks may open a claim: the server tells the POS in res.users' loaded data. */
    canClaimWarranty(order) {
        return Boolean(
            this.pos.user?.raw?.warranty_rma_clerk && order?.id && typeof order.id === "number"
        );
    },
    /** Open a draft warranty claim for the parts of a past order (the selected line, or every line). */
    async onClickWarrantyClaim(order) {
        const reason = await makeAwaitable(this.dialog, TextInputPopup, {
            title: _t("Warranty claim: describe the failure"),
            rows: 3,
        });
        if (!reason) {
            return;
        }
        const lineId = this.getSelectedOrderlineId();
        try {
            const claims = await this.pos.data.call("warranty.claim", "create_from_pos", [
                order.id,
                reason,
                lineId ? [lineId] : [],
            ]);
            this.dialog.add(AlertDialog, {
                title: _t("Warranty claim created"),
                body: claims.map((claim) => claim.name).join(", "),
            });
        } catch (error) {
            this.dialog.add(AlertDialog, {
                title: _t("The claim cannot be opened"),
                body: error.data?.message || error.message,
            });
        }
    },
});
