import { patch } from "@web/core/utils/patch";
import { HardwareProxy } from "@point_of_sale/app/services/hardware_proxy_service";
import { EscposProxyPrinter } from "@hw_proxy_escpos/app/utils/printer/escpos_proxy_printer";

patch(HardwareProxy.prototype, {
    connectToPrinter() {
        if (this.pos.config.escpos_proxy) {
            this.printer = new EscposProxyPrinter({ url: this.host });
            return;
        }
        return super.connectToPrinter(...arguments);
    },
});
