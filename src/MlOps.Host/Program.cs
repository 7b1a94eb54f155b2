Console.WriteLine("mlops: under construction");
