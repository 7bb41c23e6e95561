package dialtone.model.device;

/**
 * What a phone learns at sign-in about Intune: must it enrol through Company Portal before it
 * may use the account ({@code required}), and does the tenant let Android device-administrator
 * enrolment through ({@code deviceAdministratorAllowed}).
 */
public record EnrollmentPolicy(boolean required, boolean deviceAdministratorAllowed) {
}
