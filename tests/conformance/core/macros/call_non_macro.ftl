<@name/>
