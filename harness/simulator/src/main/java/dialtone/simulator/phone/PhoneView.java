package dialtone.simulator.phone;

import dialtone.model.profile.FirmwareVersion;

/** What a phone shows at one instant; {@link PhoneScreens} draws it. */
record PhoneView(PhoneState state, String organizationName, String codeEntry, String failureMessage,
                 String deviceLoginCode, boolean deviceLoginCodeExpired, String verificationUri,
                 String signedInUser, String signInMode, FirmwareVersion firmware, VirtualModel model) {}
