${t?string} ${f?string('yes', 'no')} ${t?string('on', 'off')}
