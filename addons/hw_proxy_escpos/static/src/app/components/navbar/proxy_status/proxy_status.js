import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import { ProxyStatus } from "@point_of_sale/app/components/navbar/proxy_status/proxy_status";

patch(ProxyStatus.prototype, {
    get message() {
        const printer = this.connectionInfo.drivers?.printer;
        if (this.connectionInfo.status === "connected" && printer?.state === "paper_out") {
            return _t("Printer out of paper");
        }
        return super.message;
    },
});
