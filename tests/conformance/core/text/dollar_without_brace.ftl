cost: $5, $name, {name}, #name, $ {name}
