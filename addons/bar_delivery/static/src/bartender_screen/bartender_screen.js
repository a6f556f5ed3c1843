import { Component, onMounted, useRef, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { ConnectionLostError, RPCError, rpc } from "@web/core/network/rpc";
import { scanBarcode } from "@web/core/barcode/barcode_dialog";
import { isBarcodeScannerSupported } from "@web/core/barcode/barcode_video_scanner";
import { _t } from "@web/core/l10n/translation";

/**
 * Bartender screen: pick the bar, log in with the POS PIN, scan a QR ticket (keyboard
 * scanner = typing + Enter, or the camera), choose quantities and deliver.
 * Every decision is taken by the server; this screen only shows it.
 */
export class BartenderScreen extends Component {
    static template = "bar_delivery.BartenderScreen";
    static props = ["*"];

    setup() {
        this.scanInput = useRef("scanInput");
        this.state = useState({
            loading: true,
            stations: [],
            stationId: false,
            employeeId: false,
            employeeName: "",
            pin: "",
            loggedIn: false,
            payload: "",
            ticket: null,
            quantities: {},
            status: "",
            message: "",
            busy: false,
        });
        this.cameraSupported = isBarcodeScannerSupported();
        onMounted(() => this.load());
    }

    async load() {
        const data = await rpc("/bar_delivery/bootstrap", {});
        this.state.stations = data.stations;
        if (data.stations.length === 1) {
            this.state.stationId = data.stations[0].id;
        }
        this.state.loading = false;
    }

    get station() {
        return this.state.stations.find((s) => s.id === this.state.stationId);
    }

    get credentials() {
        return {
            station_id: this.state.stationId,
            employee_id: this.state.employeeId,
            pin: this.state.pin,
        };
    }

    get isError() {
        return this.state.status && !["ok"].includes(this.state.status);
    }

    onStationChange(ev) {
        this.state.stationId = parseInt(ev.target.value) || false;
        this.state.employeeId = false;
    }

    onEmployeeChange(ev) {
        this.state.employeeId = parseInt(ev.target.value) || false;
    }

    async login() {
        const res = await rpc("/bar_delivery/login", this.credentials);
        this.showResult(res);
        if (res.status === "ok") {
            this.state.loggedIn = true;
            this.state.employeeName = res.employee.name;
            this.state.message = _t("Ready: scan a ticket.");
            this.focusScan();
        } else {
            this.state.pin = "";
        }
    }

    logout() {
        Object.assign(this.state, { loggedIn: false, pin: "", ticket: null, payload: "", message: "", status: "" });
    }

    focusScan() {
        setTimeout(() => this.scanInput.el?.focus(), 0);
    }

    showResult(res) {
        this.state.status = res.status;
        this.state.message = res.message || "";
    }

    /** The server failed or is unreachable (e.g. it gave up after retrying a busy ticket). */
    showServerError(error) {
        if (!(error instanceof RPCError || error instanceof ConnectionLostError)) {
            throw error;
        }
        this.state.ticket = null;
        this.showResult({
            status: "server_error",
            message: _t("The server did not answer: scan the ticket again to see its state."),
        });
    }

    setTicket(res) {
        this.showResult(res);
        this.state.ticket = res.ticket || null;
        const quantities = {};
        for (const line of res.ticket?.lines || []) {
            quantities[line.id] = line.served_here ? line.qty_remaining : 0;
        }
        this.state.quantities = quantities;
    }

    async onScanKeydown(ev) {
        if (ev.key === "Enter") {
            ev.preventDefault();
            await this.scan(this.state.payload);
        }
    }

    async scanWithCamera() {
        let code;
        try {
            code = await scanBarcode(this.env);
        } catch {
            return; // dialog closed or camera refused
        }
        if (code) {
            await this.scan(code);
        }
    }

    async scan(payload) {
        if (this.state.busy) {
            return;
        }
        this.state.busy = true;
        try {
            const res = await rpc("/bar_delivery/scan", { ...this.credentials, payload });
            this.state.payload = res.ticket ? payload : "";
            this.setTicket(res);
            this.lastPayload = payload;
        } catch (error) {
            this.showServerError(error);
        } finally {
            this.state.busy = false;
            this.focusScan();
        }
    }

    changeQty(line, delta) {
        const value = (this.state.quantities[line.id] || 0) + delta;
        this.state.quantities[line.id] = Math.max(0, Math.min(line.qty_remaining, value));
    }

    async deliver(all = false) {
        if (this.state.busy || !this.lastPayload) {
            return;
        }
        this.state.busy = true;
        try {
            const res = await rpc("/bar_delivery/deliver", {
                ...this.credentials,
                payload: this.lastPayload,
                quantities: all ? null : this.state.quantities,
            });
            this.setTicket(res);
        } catch (error) {
            this.showServerError(error);
        } finally {
            this.state.busy = false;
            this.state.payload = "";
            this.focusScan();
        }
    }
}

registry.category("actions").add("bar_delivery.screen", BartenderScreen);
