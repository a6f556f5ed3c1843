import { _t } from "@web/core/l10n/translation";
import { rpc, RPCError } from "@web/core/network/rpc";
import { HWPrinter } from "@point_of_sale/app/utils/printer/hw_printer";

/**
 * Printer going through the ESC/POS proxy of the shop (scripts/hw_proxy_escpos.py).
 * Same routes as HWPrinter; adds the name of the printer on the proxy, turns the proxy's
 * refusals (invalid image, unknown printer...) into messages for the cashier and reports a
 * printer that is offline or out of paper (the job is kept in the proxy's queue).
 */
export class EscposProxyPrinter extends HWPrinter {
    /**
     * @param {Object} params
     * @param {string} params.url address of the proxy, e.g. `http://192.168.1.20:8069`
     * @param {string} [params.printerName] printer of the proxy configuration (default printer if empty)
     */
    setup(params) {
        super.setup(...arguments);
        this.printerName = params.printerName || false;
    }

    sendAction(data) {
        const payload = this.printerName ? { ...data, printer: this.printerName } : data;
        return rpc(`${this.url}/hw_proxy/default_printer_action`, { data: payload }, { silent: true });
    }

    async sendPrintingJob(img) {
        try {
            return await super.sendPrintingJob(img);
        } catch (error) {
            if (error instanceof RPCError) {
                // the proxy answered but refused the job: show why, do not blame the network
                return { result: false, message: error.data?.message || error.message };
            }
            throw error;
        }
    }

    async status() {
        const drivers = await rpc(`${this.url}/hw_proxy/status_json`, {}, { silent: true });
        const printers = drivers.escpos_printers || {};
        return printers[this.printerName] || drivers.printer;
    }

    getResultsError(printResult) {
        if (printResult?.message) {
            return {
                successful: false,
                canRetry: true,
                message: { title: _t("The ESC/POS proxy refused the print job"), body: printResult.message },
            };
        }
        return super.getResultsError(...arguments);
    }

    getResultWarningCode(printResult) {
        if (printResult?.printer_state === "paper_out") {
            return "ESCPOS_PAPER_OUT";
        }
        if (printResult?.printer_state === "offline") {
            return "ESCPOS_PRINTER_OFFLINE";
        }
        return super.getResultWarningCode(...arguments);
    }
}
