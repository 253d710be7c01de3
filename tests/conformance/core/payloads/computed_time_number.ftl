{"t": ${input.computed_time?number?c}, "t_default": ${input.computed_time?number}}
