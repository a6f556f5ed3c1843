import { Component, onWillStart, useState } from "@odoo/owl";
import { Dialog } from "@web/core/dialog/dialog";
import { usePos } from "@point_of_sale/app/hooks/pos_hook";

/** Year -> Make -> Model -> Engine, or VIN, or plate, or the customer's garage. */
export class FitmentVehicleDialog extends Component {
    static template = "autoparts_fitment.FitmentVehicleDialog";
    static components = { Dialog };
    static props = { close: Function };

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
            message: "",
            candidates: [],
            garage: [],
        });
        onWillStart(async () => {
            this.state.years = (await this.options({})).years;
            await this.loadGarage();
        });
    }
    options(args) {
        return this.pos.data.call("fitment.vehicle", "pos_selector_options", [], args);
    }
    async loadGarage() {
        const partner = this.pos.getOrder()?.getPartner();
        if (!partner) {
            return;
        }
        const vehicles = await this.pos.data.call("fleet.vehicle", "search_read", [
            [
                ["customer_id", "=", partner.id],
                ["fitment_vehicle_id", "!=", false],
            ],
            ["license_plate", "fitment_vehicle_id"],
        ]);
        this.state.garage = vehicles.map((v) => ({
            id: v.fitment_vehicle_id[0],
            name: `${v.license_plate || ""} ${v.fitment_vehicle_id[1]}`.trim(),
        }));
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
            const args = { year: this.state.year, make_id: this.state.makeId };
            this.state.models = (await this.options(args)).models;
        }
    }
    async onModel(ev) {
        Object.assign(this.state, { modelId: ev.target.value, vehicleId: "", vehicles: [] });
        if (this.state.modelId) {
            const args = { year: this.state.year, make_id: this.state.makeId, model_id: this.state.modelId };
            this.state.vehicles = (await this.options(args)).vehicles;
            if (this.state.vehicles.length === 1) {
                this.state.vehicleId = String(this.state.vehicles[0].id);
            }
        }
    }
    onVehicle(ev) {
        this.state.vehicleId = ev.target.value;
    }
    async decodeVin() {
        const result = await this.pos.data.call("fitment.vehicle", "pos_decode_vin", [this.state.vin]);
        this.state.candidates = result.vehicles || [];
        if (result.error) {
            this.state.message = result.error;
        } else if (!this.state.candidates.length) {
            this.state.message = `${result.make} ${result.year || ""}: no vehicle found`;
        } else {
            this.state.message = "";
        }
    }
    async lookupPlate() {
        const result = await this.pos.data.call("fleet.vehicle", "pos_lookup_plate", [this.state.plate]);
        this.state.candidates = result.vehicles.map((v) => ({
            id: v.fitment_vehicle_id,
            name: `${v.plate} ${v.name} (${v.customer})`,
        }));
        this.state.message = result.found ? "" : "no vehicle found";
    }
    async choose(vehicleId) {
        await this.pos.setFitmentVehicle(parseInt(vehicleId));
        this.props.close();
    }
    clear() {
        this.pos.clearFitmentVehicle();
        this.props.close();
    }
}
