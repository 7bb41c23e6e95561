package dialtone.core.rack;

/** One of a rack phone's two states: its {@link Allocation} or its {@link Health}. */
public sealed interface Condition permits Allocation, Health {
    String name();
}
