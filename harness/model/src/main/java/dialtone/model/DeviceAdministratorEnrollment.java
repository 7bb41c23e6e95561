package dialtone.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A tenant's Intune setting for Android device-administrator enrolment, the only enrolment Teams
 * phones can do. Blocked while enrolment is required gives the field guide's sign-in loop.
 */
public enum DeviceAdministratorEnrollment {
    @JsonProperty("allowed") ALLOWED,
    @JsonProperty("blocked") BLOCKED
}
