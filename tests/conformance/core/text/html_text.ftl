<p class="x">a &lt; b</p> <b>${name}</b>
