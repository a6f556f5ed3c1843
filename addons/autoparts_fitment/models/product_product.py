from odoo import api, models

# Compatible parts of one vehicle: the approved applications of its base vehicle (engine- and
# submodel-specific ones only when they match), one row per part, one page, with the total.
# Reads fitment_application through its partial index (base_vehicle_id, product_tmpl_id): a few
# hundred rows at most per vehicle, so checking and sorting them all is cheap.
_COMPATIBLE_SQL = """
WITH fit AS (
    SELECT a.product_tmpl_id,
           string_agg(DISTINCT a.position, ',') AS position,
           string_agg(DISTINCT a.note, '; ') AS note,
           max(a.quantity) AS quantity
      FROM fitment_application a
     WHERE a.base_vehicle_id = %(base)s AND a.state = 'approved' {application_filter}
     GROUP BY a.product_tmpl_id
)
SELECT fit.product_tmpl_id, FALSE AS universal, fit.position, fit.note, fit.quantity, count(*) OVER () AS total
  FROM fit
  JOIN product_template t ON t.id = fit.product_tmpl_id
 WHERE {template_filter}
 ORDER BY COALESCE(t.name->>%(lang)s, t.name->>'en_US'), t.id
 LIMIT %(limit)s OFFSET %(offset)s
"""

# Universal parts (fluids, bulbs...) not listed as compatible: walked in id order along the partial
# index product_template_fitment_universal_idx, so the scan stops as soon as the page is full (an
# ORDER BY name would check every universal part first). The POS sorts each page by name. The
# NOT IN on the vehicle's few hundred applications is one hashed subplan (product_tmpl_id is required).
_UNIVERSAL_SQL = """
SELECT t.id AS product_tmpl_id, TRUE AS universal, NULL AS position, NULL AS note, NULL AS quantity
  FROM product_template t
 WHERE t.fitment_universal AND {template_filter}
   AND t.id NOT IN (SELECT a.product_tmpl_id FROM fitment_application a
                     WHERE a.base_vehicle_id = %(base)s AND a.state = 'approved')
 ORDER BY t.id
 LIMIT %(limit)s OFFSET %(offset)s
"""

# The engine / submodel conditions and the product conditions are added only when they apply:
# fixed SQL with "(NOT %(flag)s OR EXISTS ...)" makes PostgreSQL hash the whole stock table.
_ENGINE_FILTER = " AND (a.engine_id IS NULL OR a.engine_id = %(engine)s)"
_SUBMODEL_FILTER = " AND (a.submodel IS NULL OR a.submodel = %(submodel)s)"
_TEMPLATE_FILTER = "t.active AND t.sale_ok AND (t.company_id IS NULL OR t.company_id = ANY(%(companies)s))"
_POS_FILTER = " AND t.available_in_pos"
_CATEGORY_FILTER = """ AND EXISTS (
    SELECT 1 FROM {rel} r WHERE r.{col_tmpl} = t.id AND r.{col_categ} = ANY(%(categories)s))"""
_STOCK_FILTER = """ AND EXISTS (
    SELECT 1 FROM product_product p
      JOIN stock_quant q ON q.product_id = p.id
      JOIN stock_location l ON l.id = q.location_id
     WHERE p.product_tmpl_id = t.id AND l.usage = 'internal' AND q.quantity > 0
       AND q.company_id = ANY(%(stock_companies)s){warehouse_filter})"""
_WAREHOUSE_FILTER = " AND l.warehouse_id = ANY(%(warehouses)s)"

_STOCK_SQL = """
SELECT p.product_tmpl_id, w.id, w.code, w.name, sum(q.quantity)
  FROM product_product p
  JOIN stock_quant q ON q.product_id = p.id
  JOIN stock_location l ON l.id = q.location_id AND l.usage = 'internal'
  JOIN stock_warehouse w ON w.id = l.warehouse_id
 WHERE p.product_tmpl_id = ANY(%(templates)s) AND q.company_id = ANY(%(stock_companies)s)
 GROUP BY p.product_tmpl_id, w.id, w.code, w.name
 ORDER BY p.product_tmpl_id, w.sequence, w.id
"""

_VARIANT_SQL = """
SELECT product_tmpl_id, min(id) FROM product_product
 WHERE product_tmpl_id = ANY(%(templates)s) AND active
 GROUP BY product_tmpl_id
"""


class ProductProduct(models.Model):
    _inherit = "product.product"

    @api.model
    def fitment_parts_for_vehicle(
        self, vehicle_id, warehouse_ids=None, limit=40, offset=0, in_stock_only=False, pos_config_id=None
    ):
        """One page of the parts fitting a catalogue vehicle (`fitment.vehicle` id), compatible first.

        The counter's question, answered on the server by three small SQL queries (applications of the
        vehicle through their index, universal parts, stock of the page) and never by loading the
        application table. Record rules are applied by hand: products and stock of the user's companies
        (or of the POS config's company); `warehouse_ids` restricts what `in_stock_only` counts.

        Returns ``{"total_compatible": n, "parts": [row, ...]}`` (a full page means there may be
        more: ask for the next offset); each row has product_tmpl_id, product_id (first
        variant), universal, position (keys, comma separated), position_label, note, quantity,
        stock ([{warehouse_id, warehouse, code, qty}] per warehouse) and qty_available.
        """
        # stock per warehouse and unapproved catalogue data: clerks and managers only (not the partner API)
        self.env["fitment.application"].check_access("read")
        return self._fitment_parts_for_vehicle(
            vehicle_id,
            warehouse_ids,
            limit=limit,
            offset=offset,
            in_stock_only=in_stock_only,
            pos_config_id=pos_config_id,
        )

    @api.model
    def _fitment_parts_for_vehicle(
        self, vehicle_id, warehouse_ids=None, limit=40, offset=0, in_stock_only=False, pos_config_id=None
    ):
        vehicle = self.env["fitment.vehicle"].browse(int(vehicle_id)).exists()
        if not vehicle:
            return {"total_compatible": 0, "parts": []}
        params = self._fitment_query_params(vehicle, warehouse_ids, in_stock_only, pos_config_id)
        limit = max(0, min(int(limit or 40), 200))
        offset = max(0, int(offset or 0))
        self.env.flush_all()
        rows, total_compatible = self._fitment_page(_COMPATIBLE_SQL, params, limit, offset)
        universal_offset = max(0, offset - total_compatible)
        if len(rows) < limit:
            rows += self._fitment_page(_UNIVERSAL_SQL, params, limit - len(rows), universal_offset)[0]
        self._fitment_add_details(rows, params)
        return {"total_compatible": total_compatible, "parts": rows}

    @api.model
    def _fitment_query_params(self, vehicle, warehouse_ids, in_stock_only, pos_config_id):
        companies = self.env.companies
        stock_companies = companies
        categories = None
        if pos_config_id:
            config = self.env["pos.config"].browse(int(pos_config_id))
            config.check_access("read")
            companies = config.company_id.parent_ids or config.company_id
            stock_companies = config.company_id
            if config.limit_categories and config.iface_available_categ_ids:
                categories = config.iface_available_categ_ids.ids
        return {
            "base": vehicle.base_vehicle_id.id,
            "engine": vehicle.engine_id.id or None,
            "submodel": vehicle.submodel or None,
            "companies": companies.ids,
            "stock_companies": stock_companies.ids,
            "warehouses": [int(w) for w in warehouse_ids] if warehouse_ids else None,
            "categories": categories,
            "pos": bool(pos_config_id),
            "in_stock": bool(in_stock_only),
            "lang": self.env.lang or "en_US",
        }

    @api.model
    def _fitment_sql(self, sql, params):
        """The page query with only the conditions that apply."""
        application_filter = (_ENGINE_FILTER if params["engine"] else "") + (
            _SUBMODEL_FILTER if params["submodel"] else ""
        )
        template_filter = _TEMPLATE_FILTER
        if params["pos"]:
            template_filter += _POS_FILTER
        if params["categories"]:
            field = self.env["product.template"]._fields["pos_categ_ids"]
            template_filter += _CATEGORY_FILTER.format(
                rel=field.relation, col_tmpl=field.column1, col_categ=field.column2
            )
        if params["in_stock"]:
            template_filter += _STOCK_FILTER.format(warehouse_filter=_WAREHOUSE_FILTER if params["warehouses"] else "")
        return sql.format(application_filter=application_filter, template_filter=template_filter)

    @api.model
    def _fitment_page(self, sql, params, limit, offset):
        """Run one of the page queries; returns (rows, total rows before paging when the query counts)."""
        query = self._fitment_sql(sql, params)
        self.env.cr.execute(query, {**params, "limit": limit, "offset": offset})
        rows = self.env.cr.dictfetchall()
        total = 0
        if rows and "total" in rows[0]:
            total = rows[0]["total"]
            for row in rows:
                del row["total"]
        elif offset and "count(*) OVER ()" in query:
            # an offset past the end returns no row to read the total from
            self.env.cr.execute(query, {**params, "limit": 1, "offset": 0})
            first = self.env.cr.dictfetchone()
            total = first["total"] if first else 0
        return rows, total

    @api.model
    def _fitment_add_details(self, rows, params):
        """First variant, position labels and stock per warehouse for the rows of one page."""
        if not rows:
            return
        templates = [row["product_tmpl_id"] for row in rows]
        self.env.cr.execute(_VARIANT_SQL, {"templates": templates})
        variants = dict(self.env.cr.fetchall())
        self.env.cr.execute(_STOCK_SQL, {"templates": templates, "stock_companies": params["stock_companies"]})
        stock = {}
        for template_id, warehouse_id, code, name, qty in self.env.cr.fetchall():
            stock.setdefault(template_id, []).append(
                {"warehouse_id": warehouse_id, "code": code, "warehouse": name, "qty": qty}
            )
        labels = dict(self.env["fitment.application"]._fields["position"]._description_selection(self.env))
        for row in rows:
            positions = [p for p in (row["position"] or "").split(",") if p]
            row["position"] = ",".join(positions)
            row["position_label"] = ", ".join(labels.get(p, p) for p in positions)
            row["note"] = row["note"] or ""
            row["quantity"] = row["quantity"] or 1.0
            row["product_id"] = variants.get(row["product_tmpl_id"], False)
            row["stock"] = stock.get(row["product_tmpl_id"], [])
            row["qty_available"] = sum(s["qty"] for s in row["stock"])
