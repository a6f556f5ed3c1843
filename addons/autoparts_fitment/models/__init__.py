from . import (
    fitment_application,
    fitment_base_vehicle,
    fitment_engine,
    fitment_importer,
    fitment_interchange,
    fitment_vehicle,
    fitment_vin_cache,
    fleet_vehicle,
    fleet_vehicle_model,
    fleet_vehicle_model_brand,
    product_template,
    res_partner,
)
