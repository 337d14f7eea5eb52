package servmon.dashboard.servers;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.communication.IndexHtmlResponse;
import com.vaadin.flow.spring.security.AuthenticationContext;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import servmon.dashboard.base.ui.DisplayPreferences;
import servmon.dashboard.base.ui.Formats;
import servmon.dashboard.base.ui.Texts;
import servmon.events.ServerState;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The fleet's counts and its problem servers written into the main page's HTML, so that they are on screen as soon
 * as the HTML is: Vaadin's client needs its scripts and two round trips before the live page can draw anything (1.5 to
 * 2 s on a loaded 2-core machine, bench/dashboard-main-view.sh). dashboard.css hides the preview as soon as the live
 * page is there. Read from the {@link FleetFeed}'s snapshot in memory, so a page load costs no query.
 */
@Component
class FleetPreview implements VaadinServiceInitListener {

    static final String ID = "fleet-preview";
    /** The problem servers named, most urgent first: a glance, the live page lists the rest. */
    static final int PROBLEMS_NAMED = 8;

    private static final Logger log = LoggerFactory.getLogger(FleetPreview.class);

    private final FleetFeed feed;
    private final AuthenticationContext authentication;

    FleetPreview(FleetFeed feed, AuthenticationContext authentication) {
        this.feed = feed;
        this.authentication = authentication;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.addIndexHtmlRequestListener(this::addTo);
    }

    private void addTo(IndexHtmlResponse response) {
        VaadinRequest request = response.getVaadinRequest();
        // the main page's HTML only, and only for someone signed in: the login page's HTML is the same document
        if (!isMainPage(request.getPathInfo()) || !authentication.isAuthenticated()) {
            return;
        }
        // as last read by the feed's own thread: the page's HTML never waits for the database, and never has a
        // preview of a fleet that could not be read (the live page then shows the database banner)
        Optional<FleetSnapshot> fleet = feed.lastRead();
        if (fleet.isEmpty()) {
            return;
        }
        try {
            Locale locale = DisplayPreferences.language(null, request).locale();
            Document page = response.getDocument();
            Element outlet = page.getElementById("outlet");
            (outlet != null ? outlet : page.body()).appendChild(render(fleet.get(), locale));
        } catch (RuntimeException e) {  // a preview is a nicety: the page must load without it
            log.warn("The main page goes out without its fleet preview", e);
        }
    }

    static boolean isMainPage(String pathInfo) {
        return pathInfo == null || pathInfo.isEmpty() || "/".equals(pathInfo);
    }

    /** The preview: the counts as the fleet header shows them, then the first problem servers by name and state. */
    static Element render(FleetSnapshot fleet, Locale locale) {
        Element preview = new Element("section").id(ID).addClass("fleet-preview")
                .attr("aria-busy", "true")
                .attr("aria-label", Texts.get(locale, "servers.preview.label"));
        preview.appendElement("h2").text(Texts.get(locale, "servers.heading"));
        Element counts = preview.appendElement("div").addClass("fleet-counts");
        count(counts, Texts.get(locale, "servers.filter.all"), fleet.size());
        count(counts, Texts.get(locale, "servers.filter.problems"), fleet.problems());
        for (ServerState state : FleetCounts.STATES_IN_ORDER) {
            count(counts, StateLabels.text(state, locale), fleet.counts().get(state))
                    .addClass(StateLabels.cssClass(state));
        }
        // the first of what the live page's Problems filter lists, in its order
        List<FleetServer> problems = FleetQuery.EVERYTHING.withProblemsOnly().apply(fleet).stream()
                .limit(PROBLEMS_NAMED)
                .toList();
        if (!problems.isEmpty()) {
            Element list = preview.appendElement("ul").addClass("fleet-preview-problems");
            for (FleetServer server : problems) {
                Element item = list.appendElement("li").addClass(StateLabels.cssClass(server.state()));
                item.appendElement("span").addClass("fleet-preview-name").text(server.name());
                item.appendElement("span").addClass("state-badge").addClass(StateLabels.cssClass(server.state()))
                        .text(StateLabels.text(server.state(), locale));
            }
            int more = fleet.problems() - problems.size();
            if (more > 0) {
                list.appendElement("li").addClass("fleet-preview-more")
                        .text(Texts.get(locale, "servers.preview.more", Formats.count(more)));
            }
        }
        preview.appendElement("p").addClass("fleet-preview-loading")
                .text(Texts.get(locale, "servers.preview.loading"));
        return preview;
    }

    private static Element count(Element counts, String label, int count) {
        Element entry = counts.appendElement("span").addClass("fleet-count").text(label + " " + Formats.count(count));
        if (count > 0) {
            entry.addClass("has-some");
        }
        return entry;
    }
}
