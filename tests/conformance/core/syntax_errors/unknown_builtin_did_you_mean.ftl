${s?uppercase}
