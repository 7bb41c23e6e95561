package dialtone.model.teamwork;

/** Graph {@code teamworkUserIdentity}: who is signed in on a device. */
public record TeamworkUserIdentity(String id, String displayName, String userIdentityType) {
}
