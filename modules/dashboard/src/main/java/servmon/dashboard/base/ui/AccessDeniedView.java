package servmon.dashboard.base.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.ParentLayout;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What a logged-in user sees on a page their role does not allow (a viewer opening Users or Add Server): a page in
 * the usual frame that says so, instead of Vaadin's bare "could not navigate". The pages' menu already hides what a
 * role may not use, so reaching this takes a typed or bookmarked address: saying "not allowed" reveals nothing new.
 */
@ParentLayout(MainLayout.class)
@PermitAll
public class AccessDeniedView extends Main implements HasErrorParameter<AccessDeniedException>, HasDynamicTitle {

    private final Paragraph reason = new Paragraph();

    public AccessDeniedView() {
        addClassName("error-view");
        reason.setId("error-reason");
        add(new H2(getTranslation("error.denied.heading")), reason, new Paragraph(getTranslation("error.denied.ask")),
                BackToServers.button());
        setId("access-denied");
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        reason.setText(getTranslation("error.denied.reason", "/" + event.getLocation().getPath()));
        return HttpServletResponse.SC_FORBIDDEN;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("error.denied.title");
    }
}
