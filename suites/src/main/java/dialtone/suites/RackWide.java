package dialtone.suites;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A suite class whose instances (one per phone of the run) only work together: they meet at a
 * {@code RackRendezvous} that waits for every phone. A rerun of unfinished tests runs such a test
 * on every phone of the run again, never on some of them. Such a test does not move to a substitute
 * phone: the substitute runs it once, as itself.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RackWide {}
