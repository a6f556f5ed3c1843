from . import (
    fitment_application,
    fitment_base_vehicle,
    fitment_engine,
    fitment_interchange,
    fitment_vehicle,
    fleet_vehicle,
    product_template,
)
