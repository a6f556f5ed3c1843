import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import { PosStore } from "@point_of_sale/app/services/pos_store";
import { deduceUrl } from "@point_of_sale/utils";
import { EscposProxyPrinter } from "@hw_proxy_escpos/app/utils/printer/escpos_proxy_printer";

patch(PosStore.prototype, {
    createPrinter(config) {
        if (config.printer_type === "escpos_proxy") {
            return new EscposProxyPrinter({
                url: deduceUrl(config.escpos_proxy_url || ""),
                printerName: config.escpos_printer_name,
            });
        }
        return super.createPrinter(...arguments);
    },

    displayPrinterWarning(printResult, printerName) {
        const messages = {
            ESCPOS_PAPER_OUT: _t("%s is out of paper: the ticket is queued and prints once paper is loaded.", printerName),
            ESCPOS_PRINTER_OFFLINE: _t("%s is offline: the ticket is queued and prints when it is back.", printerName),
        };
        const message = messages[printResult.warningCode];
        if (message) {
            this.notification.add(message, { type: "warning" });
            return;
        }
        return super.displayPrinterWarning(...arguments);
    },
});
