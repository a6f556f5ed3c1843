import { patch } from "@web/core/utils/patch";
import { PosStore } from "@point_of_sale/app/services/pos_store";
import { FitmentVehicleDialog } from "@autoparts_fitment/app/components/fitment_vehicle_dialog/fitment_vehicle_dialog";

patch(PosStore.prototype, {
    async setup() {
        // fitment filter of the product screen: {vehicle: {id, name}, parts: Map(templateId -> row)}
        this.fitment = null;
        await super.setup(...arguments);
    },
    openFitmentSelector() {
        this.dialog.add(FitmentVehicleDialog, {});
    },
    async setFitmentVehicle(vehicleId) {
        const result = await this.data.call("fitment.vehicle", "pos_fitting_parts", [
            vehicleId,
            this.config.id,
        ]);
        if (!result.vehicle) {
            return;
        }
        const ids = result.parts.map((row) => row.product_tmpl_id);
        const missing = ids.filter((id) => !this.models["product.template"].get(id));
        if (missing.length) {
            await this.loadNewProducts([["id", "in", missing]]);
        }
        await this.data.read("fitment.vehicle", [result.vehicle.id]);
        const order = this.getOrder();
        if (order) {
            order.fitment_vehicle_id = this.models["fitment.vehicle"].get(result.vehicle.id);
        }
        this.fitment = {
            vehicle: result.vehicle,
            parts: new Map(result.parts.map((row) => [row.product_tmpl_id, row])),
        };
    },
    clearFitmentVehicle() {
        this.fitment = null;
        const order = this.getOrder();
        if (order) {
            order.fitment_vehicle_id = false;
        }
    },
    fitmentInfo(productTemplateId) {
        return this.fitment?.parts.get(productTemplateId);
    },
    get productsToDisplay() {
        if (!this.fitment || this.searchProductWord.trim()) {
            return super.productsToDisplay;
        }
        const templates = this.models["product.template"];
        return [...this.fitment.parts.keys()].map((id) => templates.get(id)).filter(Boolean);
    },
});
