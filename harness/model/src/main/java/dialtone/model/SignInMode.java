package dialtone.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The experience an account's device policy gives a phone after sign-in. */
public enum SignInMode {
    /** Common Area Phone: a shared account; what remote sign-in is for. */
    @JsonProperty("commonArea") COMMON_AREA,
    /** A personal user's account: remote sign-in does not support it. */
    @JsonProperty("personal") PERSONAL,
    /** Meeting-room / conference phone account (e.g. Trio C60). */
    @JsonProperty("conference") CONFERENCE
}
