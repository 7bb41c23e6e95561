package dialtone.model.directory;

/**
 * A tenant's settings: the answer of {@code GET|PATCH /admin/v1/tenant}, and the body of the
 * PATCH, where a {@code null} field is left as it is ({@code tenantId} cannot be changed).
 *
 * @param intuneEnrollmentRequired whether phones must enrol in Intune (Company Portal) to sign in
 * @param deviceAdministratorEnrollment {@code allowed} or {@code blocked}: Android device-administrator
 *        enrolment (blocked while enrolment is required gives the field guide's sign-in loop)
 */
public record TenantSettings(String tenantId, String organizationName, Boolean intuneEnrollmentRequired,
                             String deviceAdministratorEnrollment) {
}
