import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { Dialog } from "@web/core/dialog/dialog";
import { usePos } from "@point_of_sale/app/hooks/pos_hook";

/**
 * Choose the vehicle of the current order: Year -> Make -> Model -> Engine (each step asks the
 * server), or a VIN (decoded on the server), or a plate, or the selected customer's garage.
 */
export class FitmentVehicleDialog extends Component {
    static template = "autoparts_fitment.FitmentVehicleDialog";
    static components = { Dialog };
    static props = {
        close: Function,
        // the customer's garage (fleet.vehicle.pos_garage_vehicles) already asked: open on that step
        garageVehicles: { type: Array, optional: true },
    };

    setup() {
        this.pos = usePos();
        this.state = useState({
            years: [],
            makes: [],
            models: [],
            vehicles: [],
            year: "",
            makeId: "",
            modelId: "",
            vehicleId: "",
            vin: "",
            plate: "",
            error: "",
            info: "",
            candidates: [],
            garage: [],
            busy: false,
            garageStep: Boolean(this.props.garageVehicles),
        });
        onWillStart(async () => {
            const [options] = await Promise.all([this.options({}), this.loadGarage()]);
            this.state.years = options.years;
        });
    }
    get partner() {
        return this.pos.getOrder()?.getPartner();
    }
    get currentVehicle() {
        return this.pos.getOrder()?.fitment_vehicle_id;
    }
    options(kwargs) {
        return this.pos.data.call("fitment.vehicle", "pos_selector_options", [], kwargs);
    }
    async loadGarage() {
        const partner = this.partner;
        if (!partner) {
            return;
        }
        const vehicles =
            this.props.garageVehicles ||
            (await this.pos.data.call("fleet.vehicle", "pos_garage_vehicles", [partner.id]));
        this.state.garage = vehicles.map((v) => this.candidateFromGarage(v));
    }
    candidateFromGarage(vehicle) {
        return {
            key: `garage-${vehicle.id}`,
            id: vehicle.fitment_vehicle_id,
            garageId: vehicle.id,
            name: [vehicle.plate, vehicle.name].filter(Boolean).join(" · "),
            detail: vehicle.customer,
        };
    }
    resetMessages() {
        Object.assign(this.state, { error: "", info: "", candidates: [] });
    }
    async onYear(ev) {
        Object.assign(this.state, { year: ev.target.value, makeId: "", modelId: "", vehicleId: "" });
        Object.assign(this.state, { makes: [], models: [], vehicles: [] });
        if (this.state.year) {
            this.state.makes = (await this.options({ year: this.state.year })).makes;
        }
    }
    async onMake(ev) {
        Object.assign(this.state, { makeId: ev.target.value, modelId: "", vehicleId: "", models: [], vehicles: [] });
        if (this.state.makeId) {
            const kwargs = { year: this.state.year, make_id: this.state.makeId };
            this.state.models = (await this.options(kwargs)).models;
        }
    }
    async onModel(ev) {
        Object.assign(this.state, { modelId: ev.target.value, vehicleId: "", vehicles: [] });
        if (this.state.modelId) {
            const kwargs = { year: this.state.year, make_id: this.state.makeId, model_id: this.state.modelId };
            this.state.vehicles = (await this.options(kwargs)).vehicles;
            if (this.state.vehicles.length === 1) {
                this.state.vehicleId = String(this.state.vehicles[0].id);
            }
        }
    }
    onVehicle(ev) {
        this.state.vehicleId = ev.target.value;
    }
    async decodeVin() {
        this.resetMessages();
        if (!this.state.vin.trim()) {
            return;
        }
        const result = await this.pos.data.call("fitment.vehicle", "pos_decode_vin", [this.state.vin]);
        if (result.error) {
            this.state.error = result.error;
            return;
        }
        this.state.candidates = (result.vehicles || []).map((v) => ({ key: `vin-${v.id}`, id: v.id, name: v.name }));
        if (!this.state.candidates.length) {
            this.state.info = _t("VIN %(vin)s (%(make)s %(year)s): no vehicle found in the catalogue.", {
                vin: result.vin,
                make: result.make || "?",
                year: result.year || "",
            });
        } else if (result.warnings?.length) {
            this.state.info = result.warnings.join(" ");
        }
    }
    onVinKeydown(ev) {
        if (ev.key === "Enter") {
            this.decodeVin();
        }
    }
    onPlateKeydown(ev) {
        if (ev.key === "Enter") {
            this.lookupPlate();
        }
    }
    async lookupPlate() {
        this.resetMessages();
        if (!this.state.plate.trim()) {
            return;
        }
        const result = await this.pos.data.call("fleet.vehicle", "pos_lookup_plate", [this.state.plate]);
        this.state.candidates = result.vehicles.map((v) => this.candidateFromGarage(v));
        if (!result.found) {
            this.state.info = _t("No vehicle found with the plate %s.", this.state.plate.trim().toUpperCase());
        }
    }
    async choose(vehicleId, garageId = false) {
        if (!vehicleId || this.state.busy) {
            return;
        }
        this.state.busy = true;
        try {
            await this.pos.setFitmentVehicle(parseInt(vehicleId), garageId || false);
        } finally {
            this.state.busy = false;
        }
        this.props.close();
    }
    clear() {
        this.pos.clearFitmentVehicle();
        this.props.close();
    }
}
