<@nope/>
