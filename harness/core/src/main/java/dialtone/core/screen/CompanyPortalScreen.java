package dialtone.core.screen;

import dialtone.core.phone.Phone;
import dialtone.model.profile.PhoneScreen;

/** Company Portal enrolment after the grant: "Verifying a few things…", then "Registering…". */
public final class CompanyPortalScreen extends Screen<CompanyPortalScreen> {
    public CompanyPortalScreen(Phone phone) {
        super(phone, PhoneScreen.COMPANY_PORTAL);
    }

    @Override
    protected String markerElement() { return "marker"; }

    public boolean isVerifying() { return isShowing("verifying"); }

    public boolean isRegistering() { return isShowing("registering"); }

    /** Waits (within {@code budget}) for the registering step: the phone enrolled. */
    public CompanyPortalScreen awaitRegistering(java.time.Duration budget) {
        element("registering", budget);
        return this;
    }
}
