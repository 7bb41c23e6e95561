package dialtone.suites.provisioning;

import dialtone.core.lab.Lab;
import dialtone.model.directory.TenantSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testng.annotations.AfterTest;
import org.testng.annotations.BeforeTest;
import org.testng.annotations.Optional;
import org.testng.annotations.Parameters;

/**
 * A tenant-wide Intune setting for one TestNG {@code <test>} of a suite: set before its first
 * test, put back as it was after its last. Every phone of that {@code <test>} runs under it at
 * once, and no other test runs meanwhile (TestNG runs a suite's {@code <test>}s one after another),
 * so the setting disturbs nothing else. Parameters in the suite XML:
 * {@code intuneEnrollmentRequired} (true|false) and {@code deviceAdministratorEnrollment} (allowed|blocked).
 */
public class TenantPolicy {
    private static final Logger log = LoggerFactory.getLogger(TenantPolicy.class);
    private TenantSettings before;

    @BeforeTest(alwaysRun = true)
    @Parameters({"intuneEnrollmentRequired", "deviceAdministratorEnrollment"})
    public void apply(@Optional("false") String required, @Optional("allowed") String deviceAdministrator) {
        if (!required.equals("true") && !required.equals("false")) {
            throw new IllegalArgumentException("suite parameter intuneEnrollmentRequired must be true or false, not \"" + required + "\"");
        }
        if (!deviceAdministrator.equals("allowed") && !deviceAdministrator.equals("blocked")) {
            throw new IllegalArgumentException("suite parameter deviceAdministratorEnrollment must be allowed or blocked, not \"" + deviceAdministrator + "\"");
        }
        var admin = Lab.current().admin();
        before = admin.tenant();
        TenantSettings now = admin.updateTenant(new TenantSettings(null, null, Boolean.valueOf(required), deviceAdministrator));
        log.info("tenant {}: Intune enrolment required {}, device administrator enrolment {}", now.tenantId(),
                now.intuneEnrollmentRequired(), now.deviceAdministratorEnrollment());
    }

    @AfterTest(alwaysRun = true)
    public void restore() {
        if (before != null) {
            Lab.current().admin().updateTenant(new TenantSettings(null, null, before.intuneEnrollmentRequired(),
                    before.deviceAdministratorEnrollment()));
        }
    }
}
