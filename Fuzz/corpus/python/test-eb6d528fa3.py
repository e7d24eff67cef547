import ,
