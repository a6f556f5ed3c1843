import { registry } from "@web/core/registry";
import { rpc } from "@web/core/network/rpc";

/** Plays the keyboard scanner: types the newest ticket's QR payload and presses Enter. */
function scanLastTicket() {
    return {
        content: "scan the QR of the ticket just sold",
        trigger: ".o_bar_scan_input",
        run: async (helpers) => {
            const [ticket] = await rpc("/web/dataset/call_kw/pos.ticket/search_read", {
                model: "pos.ticket",
                method: "search_read",
                args: [[], ["payload"]],
                kwargs: { order: "id desc", limit: 1 },
            });
            await helpers.edit(ticket.payload);
            await helpers.press("Enter");
        },
    };
}

/** Picks the bar and the bartender, types the PIN and logs in. */
function logIn(station, bartender, pin) {
    return [
        { trigger: "select.o_bar_station", run: `selectByLabel ${station}` },
        { trigger: "select.o_bar_employee", run: `selectByLabel ${bartender}` },
        { trigger: "input.o_bar_pin", run: `edit ${pin}` },
        { trigger: ".o_bar_login_btn:enabled", run: "click" },
    ];
}

registry.category("web_tour.tours").add("BarDeliveryBartenderTour", {
    steps: () => [
        ...logIn("Main bar", "Ana QR", "1234"),
        scanLastTicket(),
        { trigger: ".o_bar_ticket[data-state='open'] .o_bar_ticket_code:contains('BAR ')" },
        { trigger: ".o_bar_line:contains('QR Beer') .o_bar_remaining:contains('2')" },
        { content: "deliver one of the two", trigger: ".o_bar_minus", run: "click" },
        { trigger: ".o_bar_qty:contains('1')" },
        { trigger: ".o_bar_deliver:enabled", run: "click" },
        { trigger: ".o_bar_message[data-status='ok']" },
        { trigger: ".o_bar_ticket[data-state='partial'] .o_bar_remaining:contains('1')" },
        { content: "deliver the last one", trigger: ".o_bar_deliver:enabled", run: "click" },
        { trigger: ".o_bar_ticket[data-state='delivered'] .o_bar_remaining:contains('0')" },
        scanLastTicket(),
        { content: "a rescan is refused", trigger: ".o_bar_message.alert-danger[data-status='delivered']" },
    ],
});

registry.category("web_tour.tours").add("BarDeliveryCoatCheckTour", {
    steps: () => [
        ...logIn("Main bar", "Luis QR", "5678"),
        scanLastTicket(),
        { content: "the attendant sees which hanger to fetch", trigger: ".o_bar_ticket .o_bar_ticket_hanger:contains('Hanger 1')" },
        { content: "the items are handed back", trigger: ".o_bar_deliver_all:enabled", run: "click" },
        { trigger: ".o_bar_ticket[data-state='delivered']" },
    ],
});
