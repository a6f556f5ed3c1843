import OrderPaymentValidation from "@point_of_sale/app/utils/order_payment_validation";
import { NumberPopup } from "@point_of_sale/app/components/popups/number_popup/number_popup";
import { makeAwaitable } from "@point_of_sale/app/utils/make_awaitable_dialog";
import { AlertDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";

patch(OrderPaymentValidation.prototype, {
    /**
     * Wallet and store-credit checks before the order is sent. The server checks the same things again
     * (under a lock) when the order syncs: these only spare the cashier a refused sync.
     */
    async askBeforeValidation() {
        if ((await super.askBeforeValidation(...arguments)) === false) {
            return false;
        }
        const order = this.order;
        const partner = order.getPartner();
        const wallet = order.walletPaidWith((method) => method.is_wallet);
        const credit = order.walletPaidWith((method) => method.type === "pay_later");
        const alert = (body) => {
            this.pos.dialog.add(AlertDialog, { title: _t("Wallet"), body });
            return false;
        };
        if ((wallet || order.walletHasTopup) && !partner) {
            return alert(_t("Select a customer to use the wallet."));
        }
        if (wallet && order.walletHasTopup) {
            return alert(_t("A wallet top-up cannot be paid with the wallet itself."));
        }
        const balance = partner?.wallet_balance || 0;
        if (wallet > 0 && this.pos.currency.isPositive(wallet - balance)) {
            return alert(
                _t("Insufficient wallet balance for %(partner)s: available %(balance)s, requested %(amount)s.", {
                    partner: partner.name,
                    balance: this.pos.env.utils.formatCurrency(balance),
                    amount: this.pos.env.utils.formatCurrency(wallet),
                })
            );
        }
        const limit = partner?.fiado_limit || 0;
        if (credit > 0 && limit > 0 && this.pos.currency.isPositive((partner.fiado_due || 0) + credit - limit)) {
            return await this.walletAskFiadoApproval(partner, credit, limit);
        }
        return true;
    },

    async walletAskFiadoApproval(partner, credit, limit) {
        const pin = await makeAwaitable(this.pos.dialog, NumberPopup, {
            title: _t("Manager PIN"),
            subtitle: _t("%(partner)s goes over the store credit limit (%(limit)s): a manager must approve.", {
                partner: partner.name,
                limit: this.pos.env.utils.formatCurrency(limit),
            }),
            formatDisplayedValue: (x) => x.replace(/./g, "•"),
        });
        if (!pin) {
            return false;
        }
        try {
            const result = await this.pos.data.call("pos.config", "wallet_fiado_approve", [
                [this.pos.config.id],
                partner.id,
                credit,
                this.order.uuid,
                pin,
            ]);
            if (!result.approved) {
                this.pos.dialog.add(AlertDialog, {
                    title: _t("Store credit not approved"),
                    body: result.message,
                });
                return false;
            }
            this.pos.notification.add(_t("Store credit approved by %s", result.approver_name), {
                type: "success",
            });
            return true;
        } catch (error) {
            this.pos.dialog.add(AlertDialog, {
                title: _t("Store credit not approved"),
                body: error.data?.message || _t("The approval could not be checked (no connection?)."),
            });
            return false;
        }
    },
});
