package dialtone.suites;

import dialtone.model.profile.DeviceProfile.Feature;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a test needs of a phone; on a model without it the test is skipped as "not applicable on
 * MODEL: needs ...", and the report files it under "Not applicable on model". On a class it applies
 * to every test of the class; on a method it replaces the class's.
 * <pre>
 * &#64;Requires(Feature.HANDSET)
 * &#64;Requires(value = Feature.CONFERENCE, minFirmware = "8.1")
 * </pre>
 * Features come from the profile's {@code features:}; the firmware is what the phone reports.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Requires {
    Feature[] value() default {};

    /** Lowest firmware version the test applies to, inclusive; empty for no lower bound. */
    String minFirmware() default "";

    /** Highest firmware version the test applies to, inclusive; empty for no upper bound. */
    String maxFirmware() default "";
}
