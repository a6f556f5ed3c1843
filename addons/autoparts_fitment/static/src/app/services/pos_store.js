import { patch } from "@web/core/utils/patch";
import { _t } from "@web/core/l10n/translation";
import { PosStore } from "@point_of_sale/app/services/pos_store";
import { FitmentVehicleDialog } from "@autoparts_fitment/app/components/fitment_vehicle_dialog/fitment_vehicle_dialog";

const PAGE_SIZE = 40;

patch(PosStore.prototype, {
    async setup() {
        // Parts fitting the vehicle of the current order, as answered by the server:
        // {vehicleId, order: [templateId...], parts: Map(templateId -> row), more, loading}.
        // The fitment application table itself is never loaded in the POS.
        this.fitment = null;
        await super.setup(...arguments);
    },
    openFitmentSelector(props = {}) {
        this.dialog.add(FitmentVehicleDialog, props);
    },
    /** The clerk sets the customer (partner list, barcode): offer the vehicle from the customer's garage. */
    setPartnerToCurrentOrder(partner) {
        const order = this.getOrder();
        const previousPartner = order?.getPartner();
        super.setPartnerToCurrentOrder(...arguments);
        if (!partner || partner.id === previousPartner?.id) {
            return; // removing the customer keeps the vehicle
        }
        // the vehicle of the previous customer's garage is not this customer's;
        // one chosen by year/make/model or VIN (no garage vehicle) is kept
        const owner = order.fitment_garage_vehicle_id?.raw.customer_id;
        if (owner && owner !== partner.id) {
            this.clearFitmentVehicle();
        }
        if (!order.fitment_vehicle_id) {
            this.suggestGarageVehicle(order, partner); // not awaited: never holds the sale
        }
    },
    /** One catalogue vehicle in the garage is set on the order, several open the selector on the garage. */
    async suggestGarageVehicle(order, partner) {
        // offline or any error: no suggestion (silentCall answers false)
        const garage = await this.data.silentCall("fleet.vehicle", "pos_garage_vehicles", [partner.id]);
        // the clerk may have moved on meanwhile (other order, other customer, a vehicle chosen)
        const stillAsked = () =>
            this.getOrder()?.uuid === order.uuid &&
            order.getPartner()?.id === partner.id &&
            !order.fitment_vehicle_id;
        if (!garage?.length || !stillAsked()) {
            return;
        }
        if (garage.length > 1) {
            this.openFitmentSelector({ garageVehicles: garage });
            return;
        }
        const [vehicle] = garage;
        try {
            if (await this.setFitmentVehicle(vehicle.fitment_vehicle_id, vehicle.id)) {
                const name = [vehicle.plate, vehicle.name].filter(Boolean).join(" · ");
                const message = _t("Vehicle of %(customer)s: %(vehicle)s", { customer: partner.name, vehicle: name });
                this.notification.add(message);
            }
        } catch {
            // the connection was lost while loading the parts: the clerk can choose the vehicle later
        }
    },
    /** The filter of the product screen, only while the current order has that vehicle. */
    get fitmentFilter() {
        const vehicle = this.getOrder()?.fitment_vehicle_id;
        if (!this.fitment || !vehicle || vehicle.id !== this.fitment.vehicleId) {
            return null;
        }
        return this.fitment;
    },
    async fetchFitmentParts(vehicleId, offset = 0) {
        return await this.data.call("fitment.vehicle", "pos_fitting_parts", [vehicleId, this.config.id], {
            offset,
            limit: PAGE_SIZE,
        });
    },
    async _addFitmentRows(rows) {
        const templates = this.models["product.template"];
        const missing = rows.map((row) => row.product_tmpl_id).filter((id) => !templates.get(id));
        if (missing.length) {
            await this.loadNewProducts([["id", "in", missing]]);
        }
        for (const row of rows) {
            if (!this.fitment.parts.has(row.product_tmpl_id)) {
                this.fitment.order.push(row.product_tmpl_id);
            }
            this.fitment.parts.set(row.product_tmpl_id, row);
        }
        this.fitment.more = rows.length >= PAGE_SIZE;
    },
    /**
     * Choose the vehicle of the current order (a fitment.vehicle id, and the customer's fleet.vehicle
     * when it came from the plate or the garage) and filter the product screen to what fits it.
     */
    async setFitmentVehicle(vehicleId, garageVehicleId = false) {
        const result = await this.fetchFitmentParts(vehicleId, 0);
        if (!result.vehicle) {
            this.notification.add(_t("This vehicle is no longer in the catalogue."), { type: "warning" });
            return false;
        }
        await this.data.read("fitment.vehicle", [result.vehicle.id]);
        if (garageVehicleId) {
            await this.data.read("fleet.vehicle", [garageVehicleId]);
        }
        const order = this.getOrder();
        if (order) {
            order.fitment_vehicle_id = this.models["fitment.vehicle"].get(result.vehicle.id);
            order.fitment_garage_vehicle_id = garageVehicleId
                ? this.models["fleet.vehicle"].get(garageVehicleId)
                : false;
        }
        this.fitment = {
            vehicleId: result.vehicle.id,
            name: result.vehicle.name,
            totalCompatible: result.total_compatible,
            order: [],
            parts: new Map(),
            more: false,
        };
        await this._addFitmentRows(result.parts);
        this.setSelectedCategory(0);
        this.searchProductWord = "";
        return true;
    },
    async loadMoreFitmentParts() {
        const filter = this.fitmentFilter;
        if (!filter?.more) {
            return;
        }
        const result = await this.fetchFitmentParts(filter.vehicleId, filter.order.length);
        await this._addFitmentRows(result.parts);
    },
    /** Reload the filter for the current order's vehicle (e.g. after switching orders). */
    async refreshFitmentFilter() {
        const order = this.getOrder();
        const vehicle = order?.fitment_vehicle_id;
        if (vehicle) {
            await this.setFitmentVehicle(vehicle.id, order.fitment_garage_vehicle_id?.id || false);
        }
    },
    clearFitmentVehicle() {
        this.fitment = null;
        const order = this.getOrder();
        if (order) {
            order.fitment_vehicle_id = false;
            order.fitment_garage_vehicle_id = false;
        }
    },
    fitmentInfo(productTemplateId) {
        return this.fitmentFilter?.parts.get(productTemplateId);
    },
    get productsToDisplay() {
        const filter = this.fitmentFilter;
        if (!filter) {
            return super.productsToDisplay;
        }
        const templates = this.models["product.template"];
        // compatible parts come sorted by name; universal ones by page, sorted here
        const shown = filter.order.map((id) => templates.get(id)).filter((p) => p && p.canBeDisplayed);
        const universal = shown.filter((p) => filter.parts.get(p.id).universal);
        universal.sort((a, b) => a.name.localeCompare(b.name));
        let list = [...shown.filter((p) => !filter.parts.get(p.id).universal), ...universal];
        const searchWord = this.searchProductWord.trim();
        if (searchWord) {
            list = this.getProductsBySearchWord(searchWord, list);
        }
        if (this.selectedCategory?.id) {
            const inCategory = new Set(this.selectedCategory.associatedProducts.map((p) => p.id));
            list = list.filter((p) => inCategory.has(p.id));
        }
        return list;
    },
});
