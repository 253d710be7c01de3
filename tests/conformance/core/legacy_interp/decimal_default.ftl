#{pi} #{price} #{tiny}
