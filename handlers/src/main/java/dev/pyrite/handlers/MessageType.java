package dev.pyrite.handlers;

/** What a {@link Message} asks the handler stack to do. */
public enum MessageType {
    /** A random variable: draw it, or score an observed value ({@code Pyrite.sample}). */
    SAMPLE,
    /** A learnable parameter, looked up in (or initialised into) the current {@link ParamStore}. */
    PARAM,
    /** An extra log-weight added to the joint density ({@code Pyrite.factor}). */
    FACTOR,
    /** A named function of other sites, recorded but not scored ({@code Pyrite.deterministic}). */
    DETERMINISTIC,
    /** A call of an {@link Effectful} function: a new kind of effect that handlers may reinterpret. */
    APPLY
}
