package dialtone.backend.console;

import static dialtone.backend.Html.escape;

import dialtone.backend.Directory;
import dialtone.backend.TenantConfig;
import dialtone.backend.admin.ProvisioningService;
import dialtone.model.provisioning.ProvisioningRecord;
import dialtone.model.provisioning.ProvisioningState;
import dialtone.model.provisioning.ProvisioningSummary;
import io.javalin.config.RoutesConfig;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /}: TAC's provisioning view for every tenant, refreshed every 5 s. No login: it
 * shows nothing secret (no verification codes, tokens or passwords), only MACs, locations and
 * states, which a lab technician at the rack may see anyway.
 */
public final class ConsolePage {
    private final ProvisioningService provisioning;
    private final Directory directory;

    public ConsolePage(ProvisioningService provisioning, Directory directory) {
        this.provisioning = provisioning;
        this.directory = directory;
    }

    public void register(RoutesConfig routes) {
        routes.get("/", ctx -> ctx.html(render()));
    }

    String render() {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
                <title>Dialtone backend: provision new devices</title>
                <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1.5em}
                td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}</style></head><body>
                <h1>Provision new devices</h1>
                """);
        for (TenantConfig tenant : directory.tenants()) {
            ProvisioningSummary summary = provisioning.summary(tenant);
            html.append("<section class=\"tenant\" id=\"tenant-").append(escape(tenant.tenantId())).append("\">\n")
                    .append("<h2>").append(escape(tenant.organizationName())).append(" (")
                    .append(escape(tenant.tenantId())).append(")</h2>\n")
                    .append("<p class=\"summary\">Added MAC addresses: <b>").append(summary.addedMacAddresses())
                    .append("</b> · Waiting on activation: <b>").append(summary.waitingOnActivation())
                    .append("</b> · Waiting for sign in: <b>").append(summary.waitingForSignIn()).append("</b></p>\n");
            tab(html, "Waiting on activation", provisioning.devices(tenant, Optional.of(ProvisioningState.WAITING_ON_ACTIVATION)));
            tab(html, "Waiting for sign in", provisioning.devices(tenant, Optional.of(ProvisioningState.WAITING_FOR_SIGN_IN)));
            html.append("</section>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    private static void tab(StringBuilder html, String title, List<ProvisioningRecord> records) {
        html.append("<h3>").append(title).append(" (").append(records.size()).append(")</h3>\n")
                .append("<table><tr><th>MAC address</th><th>Location</th><th>Device user status</th>")
                .append("<th>Verification code expires</th><th>Added</th></tr>\n");
        for (ProvisioningRecord r : records) {
            html.append("<tr><td>").append(r.macAddress()).append("</td><td>").append(escape(r.location()))
                    .append("</td><td>").append(r.userStatus() == null ? "" : r.userStatus() == 
                            dialtone.model.provisioning.UserStatus.SIGNED_OUT ? "Signed Out" : "Signed In")
                    .append("</td><td>").append(r.verificationCodeExpiresDateTime() == null ? ""
                            : r.verificationCodeExpiresDateTime().toString())
                    .append("</td><td>").append(r.createdDateTime()).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }
}
