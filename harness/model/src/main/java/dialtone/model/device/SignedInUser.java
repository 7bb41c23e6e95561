package dialtone.model.device;

import dialtone.model.SignInMode;

/** Answer to {@code POST /device/v1/devices/{mac}/signedIn}: whose home screen the phone shows. */
public record SignedInUser(String upn, String displayName, SignInMode signInMode) {
}
